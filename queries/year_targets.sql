-- The targets of year $year, one row per center and metric.
with

target_values as (

    select * from target_values

),

final as (

    select
        center_id,
        year,
        metric,
        target_value

    from target_values
    where year = $year and is_metric_known

)

select * from final
order by center_id, metric

-- Fleet utilisation of each month of year $year.
with

fleet_utilisation_by_month as (

    select * from fleet_utilisation_by_month

),

final as (

    select
        center_id,
        year,
        month_date,
        vehicle_count,
        available_days,
        used_days,
        utilisation_ratio

    from fleet_utilisation_by_month
    where year = $year

)

select * from final
order by center_id, month_date

-- Utilisation of the whole fleet in each month: used days over available days.
create or replace table fleet_utilisation_by_month as

with

vehicle_utilisation_by_month as (

    select * from vehicle_utilisation_by_month

),

final as (

    select
        center_id,
        year,
        month_date,
        count(*) as vehicle_count,
        cast(sum(available_days) as bigint) as available_days,
        cast(sum(used_days) as bigint) as used_days,
        sum(used_days) / nullif(sum(available_days), 0) as utilisation_ratio

    from vehicle_utilisation_by_month
    group by center_id, year, month_date

)

select * from final

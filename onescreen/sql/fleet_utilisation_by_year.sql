-- Utilisation of the whole fleet in each year, with the change on the year
-- before both relative (ratio) and in percentage points.
create or replace table fleet_utilisation_by_year as

with

vehicle_utilisation_by_year as (

    select * from vehicle_utilisation_by_year

),

by_year as (

    select
        center_id,
        year,
        count(*) as vehicle_count,
        cast(sum(available_days) as bigint) as available_days,
        cast(sum(used_days) as bigint) as used_days,
        sum(used_days) / nullif(sum(available_days), 0) as utilisation_ratio

    from vehicle_utilisation_by_year
    group by center_id, year

),

final as (

    select
        by_year.center_id,
        by_year.year,
        by_year.vehicle_count,
        by_year.available_days,
        by_year.used_days,
        by_year.utilisation_ratio,
        previous.utilisation_ratio as previous_ratio,
        by_year.utilisation_ratio / nullif(previous.utilisation_ratio, 0) - 1
            as yoy_change_ratio,
        (by_year.utilisation_ratio - previous.utilisation_ratio) * 100
            as yoy_change_points

    from by_year
    left join by_year as previous
        on
            by_year.center_id = previous.center_id
            and by_year.year = previous.year + 1

)

select * from final

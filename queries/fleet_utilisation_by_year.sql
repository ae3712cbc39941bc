-- Fleet utilisation of each year, with the change on the year before.
with

fleet_utilisation_by_year as (

    select * from fleet_utilisation_by_year

),

final as (

    select
        center_id,
        year,
        vehicle_count,
        available_days,
        used_days,
        utilisation_ratio,
        previous_ratio,
        yoy_change_ratio,
        yoy_change_points

    from fleet_utilisation_by_year

)

select * from final
order by center_id, year

-- Utilisation of each vehicle in year $year.
with

vehicle_utilisation_by_year as (

    select * from vehicle_utilisation_by_year

),

vehicles as (

    select * from vehicles

),

final as (

    select
        utilisation.center_id,
        utilisation.plate,
        vehicles.vehicle_type,
        vehicles.user_unit,
        vehicles.status as vehicle_status,
        utilisation.year,
        utilisation.workday_count,
        utilisation.repair_days,
        utilisation.available_days,
        utilisation.used_days,
        utilisation.utilisation_ratio

    from vehicle_utilisation_by_year as utilisation
    left join vehicles
        on
            utilisation.center_id = vehicles.center_id
            and utilisation.plate = vehicles.plate
    where utilisation.year = $year

)

select * from final
order by center_id, plate

-- Utilisation of each vehicle in each month of year $year.
with

vehicle_utilisation_by_month as (

    select * from vehicle_utilisation_by_month

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
        utilisation.year,
        utilisation.month_date,
        utilisation.workday_count,
        utilisation.repair_days,
        utilisation.available_days,
        utilisation.used_days,
        utilisation.utilisation_ratio

    from vehicle_utilisation_by_month as utilisation
    left join vehicles
        on
            utilisation.center_id = vehicles.center_id
            and utilisation.plate = vehicles.plate
    where utilisation.year = $year

)

select * from final
order by center_id, plate, month_date

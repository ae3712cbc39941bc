-- Utilisation of each vehicle in each month from $start_date to
-- $end_date.
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
        vehicles.user_unit,
        utilisation.month_date,
        utilisation.available_days,
        utilisation.used_days,
        utilisation.utilisation_ratio

    from vehicle_utilisation_by_month as utilisation
    left join vehicles
        on
            utilisation.center_id = vehicles.center_id
            and utilisation.plate = vehicles.plate
    where utilisation.month_date between $start_date and $end_date

)

select * from final
order by center_id, plate, month_date

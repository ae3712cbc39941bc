-- Utilisation of the vehicles of each user unit between $start_date and
-- $end_date.
with

vehicles as (

    select * from vehicles

),

vehicle_days as (

    select * from vehicle_days

),

period_days as (

    select
        vehicle_days.center_id,
        coalesce(vehicles.user_unit, '') as user_unit,
        vehicle_days.plate,
        vehicle_days.is_available,
        vehicle_days.is_used

    from vehicle_days
    left join vehicles
        on
            vehicle_days.center_id = vehicles.center_id
            and vehicle_days.plate = vehicles.plate
    where vehicle_days.calendar_date between $start_date and $end_date

),

final as (

    select
        center_id,
        user_unit,
        count(distinct plate) filter (where is_available) as vehicle_count,
        count(*) filter (where is_available) as available_days,
        count(*) filter (where is_used) as used_days,
        used_days / nullif(available_days, 0) as utilisation_ratio

    from period_days
    group by center_id, user_unit

)

select * from final
order by center_id, utilisation_ratio desc nulls last, user_unit

-- Utilisation of each vehicle between $start_date and $end_date, against
-- the same days a year before; below $idle_below it is idle, above
-- $overused_above over-used.
with

vehicles as (

    select * from vehicles

),

vehicle_days as (

    select * from vehicle_days

),

windows as (

    select
        cast($start_date as date) as start_date,
        cast($end_date as date) as end_date,
        cast($start_date - interval 1 year as date) as last_year_start_date,
        cast($end_date - interval 1 year as date) as last_year_end_date

),

by_vehicle as (

    select
        vehicle_days.center_id,
        vehicle_days.plate,
        count(*) filter (
            where vehicle_days.calendar_date >= windows.start_date
            and vehicle_days.is_workday
        ) as workday_count,
        count(*) filter (
            where vehicle_days.calendar_date >= windows.start_date
            and vehicle_days.is_workday and vehicle_days.is_repair
        ) as repair_days,
        count(*) filter (
            where vehicle_days.calendar_date >= windows.start_date
            and vehicle_days.is_available
        ) as available_days,
        count(*) filter (
            where vehicle_days.calendar_date >= windows.start_date
            and vehicle_days.is_used
        ) as used_days,
        count(*) filter (
            where vehicle_days.calendar_date <= windows.last_year_end_date
            and vehicle_days.is_available
        ) as last_year_available_days,
        count(*) filter (
            where vehicle_days.calendar_date <= windows.last_year_end_date
            and vehicle_days.is_used
        ) as last_year_used_days

    from vehicle_days
    cross join windows
    where
        vehicle_days.calendar_date
        between windows.start_date and windows.end_date
        or vehicle_days.calendar_date
        between windows.last_year_start_date and windows.last_year_end_date
    group by vehicle_days.center_id, vehicle_days.plate

),

ratios as (

    select
        *,
        used_days / nullif(available_days, 0) as utilisation_ratio,
        last_year_used_days / nullif(last_year_available_days, 0)
            as last_year_ratio

    from by_vehicle
    where workday_count > 0

),

final as (

    select
        ratios.center_id,
        ratios.plate,
        vehicles.vehicle_type,
        vehicles.user_unit,
        vehicles.status as vehicle_status,
        ratios.workday_count,
        ratios.repair_days,
        ratios.available_days,
        ratios.used_days,
        ratios.utilisation_ratio,
        ratios.last_year_ratio,
        (ratios.utilisation_ratio - ratios.last_year_ratio) * 100
            as yoy_change_points,
        case
            when ratios.utilisation_ratio is null then 'unavailable'
            when ratios.utilisation_ratio < $idle_below then 'idle'
            when ratios.utilisation_ratio > $overused_above then 'overused'
            else 'normal'
        end as utilisation_status

    from ratios
    left join vehicles
        on
            ratios.center_id = vehicles.center_id
            and ratios.plate = vehicles.plate

)

select * from final
order by center_id, utilisation_ratio desc nulls last, plate

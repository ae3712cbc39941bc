-- One row per trip requested up to the cut-off, with its service and mileage
-- facts.
create or replace table trip_facts as

with

trips as (

    select * from trips

),

vehicles as (

    select * from vehicles

),

staff_numbers as (

    select * from staff_numbers

),

metric_settings as (

    select * from metric_settings

),

measured as (

    select
        trips.*,
        date_diff('second', trips.requested_at, trips.dispatched_at) / 60.0
            as response_minutes,
        trips.odometer_end_km - trips.odometer_start_km as odometer_km,
        coalesce(
            list_contains(settings.repair_purposes, trim(trips.purpose)),
            false
        ) as is_repair,
        settings.mileage_mismatch_km,
        settings.mileage_mismatch_share

    from trips
    cross join metric_settings as settings
    where cast(trips.requested_at as date) <= settings.as_of_date

),

final as (

    select
        measured.center_id,
        measured.trip_id,
        measured.plate,
        measured.driver_staff_no,
        drivers.person_id as driver_person_id,
        measured.requesting_unit,
        measured.requested_at,
        measured.dispatched_at,
        measured.departed_at,
        measured.returned_at,
        cast(measured.requested_at as date) as request_date,
        cast(year(measured.requested_at) as integer) as year,
        cast(date_trunc('month', measured.requested_at) as date)
            as month_date,
        measured.destination,
        measured.purpose,
        measured.status,
        measured.is_repair,
        measured.response_minutes,
        measured.status = '已完成' as is_completed,
        measured.status = '申请人取消' as is_cancelled_by_requester,
        measured.status <> '申请人取消' as is_fulfilment_counted,
        measured.odometer_km,
        measured.beidou_km,
        measured.beidou_km - measured.odometer_km as mileage_gap_km,
        abs(measured.beidou_km - measured.odometer_km)
        > measured.mileage_mismatch_km
        and abs(measured.beidou_km - measured.odometer_km)
        > measured.mileage_mismatch_share * measured.odometer_km
            as is_mileage_mismatch,
        coalesce(measured.beidou_km, measured.odometer_km) as distance_km,
        measured.fuel_cost_yuan,
        measured.toll_yuan,
        case
            when
                measured.fuel_cost_yuan is not null
                or measured.toll_yuan is not null
                then
                    coalesce(measured.fuel_cost_yuan, 0)
                    + coalesce(measured.toll_yuan, 0)
        end as cost_yuan,
        vehicles.plate is not null as is_plate_known,
        drivers.person_id is not null as is_driver_known

    from measured
    left join vehicles
        on
            measured.center_id = vehicles.center_id
            and measured.plate = vehicles.plate
    left join staff_numbers as drivers
        on
            measured.center_id = drivers.center_id
            and measured.driver_staff_no = drivers.staff_no

)

select * from final

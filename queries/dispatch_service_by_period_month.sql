-- Dispatch service of each month from $start_date to $end_date.
-- Requests have no driver until dispatched, so fulfilment counts every
-- request; response times, mileage and cost count the trips of drivers in
-- $department and $track (null: all).
with

trip_facts as (

    select * from trip_facts

),

people as (

    select * from people

),

period_trips as (

    select
        trip_facts.*,
        ($department is null or drivers.department = $department)
        and ($track is null or drivers.track = $track) as is_driver_selected

    from trip_facts
    left join people as drivers
        on
            trip_facts.center_id = drivers.center_id
            and trip_facts.driver_person_id = drivers.person_id
    where trip_facts.request_date between $start_date and $end_date

),

service as (

    select
        center_id,
        month_date,
        count(*) as requested_count,
        count(*) filter (where is_completed) as completed_count,
        count(*) filter (where is_cancelled_by_requester)
            as cancelled_by_requester_count,
        count(*) filter (where status = '已驳回') as rejected_count,
        completed_count
        / nullif(requested_count - cancelled_by_requester_count, 0)
            as fulfilment_ratio,
        count(*) filter (where is_driver_selected) as driver_trip_count,
        median(response_minutes) filter (where is_driver_selected)
            as response_median_minutes,
        quantile_cont(response_minutes, 0.9) filter (
            where is_driver_selected
        ) as response_p90_minutes,
        count(*) filter (
            where is_driver_selected and is_mileage_mismatch
        ) as mileage_mismatch_count,
        sum(odometer_km) filter (
            where is_driver_selected and is_completed
        ) as odometer_km,
        sum(beidou_km) filter (
            where is_driver_selected and is_completed
        ) as beidou_km,
        sum(distance_km) filter (
            where is_driver_selected and is_completed
        ) as distance_km,
        sum(cost_yuan) filter (
            where is_driver_selected and is_completed
        ) as cost_yuan,
        sum(cost_yuan) filter (where is_driver_selected and is_completed)
        / nullif(
            sum(distance_km) filter (
                where is_driver_selected and is_completed
            ),
            0
        ) as cost_per_km_yuan

    from period_trips
    group by center_id, month_date

),

final as (

    select * from service

)

select * from final
order by center_id, month_date

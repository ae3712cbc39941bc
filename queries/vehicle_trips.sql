-- Every trip of vehicle $plate (null: all) requested from $start_date to
-- $end_date, by drivers of $department and $track (null: all).
with

trip_facts as (

    select * from trip_facts

),

people as (

    select * from people

),

final as (

    select
        trip_facts.center_id,
        trip_facts.trip_id,
        trip_facts.plate,
        trip_facts.driver_staff_no,
        drivers.name as driver_name,
        trip_facts.requesting_unit,
        trip_facts.requested_at,
        trip_facts.dispatched_at,
        trip_facts.departed_at,
        trip_facts.returned_at,
        trip_facts.response_minutes,
        trip_facts.status,
        trip_facts.destination,
        trip_facts.purpose,
        trip_facts.odometer_km,
        trip_facts.beidou_km,
        trip_facts.is_mileage_mismatch,
        trip_facts.cost_yuan

    from trip_facts
    left join people as drivers
        on
            trip_facts.center_id = drivers.center_id
            and trip_facts.driver_person_id = drivers.person_id
    where
        ($plate is null or trip_facts.plate = $plate)
        and trip_facts.request_date between $start_date and $end_date
        and ($department is null or drivers.department = $department)
        and ($track is null or drivers.track = $track)

)

select * from final
order by center_id, requested_at, trip_id

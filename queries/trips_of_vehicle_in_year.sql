-- The trips requested in $year by vehicle $plate (null: every vehicle).
with

trip_facts as (

    select * from trip_facts

),

final as (

    select
        center_id,
        trip_id,
        plate,
        driver_staff_no,
        requested_at,
        response_minutes,
        status as trip_status,
        odometer_km,
        beidou_km,
        is_mileage_mismatch

    from trip_facts
    where year = $year and ($plate is null or plate = $plate)

)

select * from final
order by requested_at, trip_id

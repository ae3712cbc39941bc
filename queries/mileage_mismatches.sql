-- Trips requested in year $year whose BeiDou and odometer distances disagree.
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
        requesting_unit,
        departed_at,
        returned_at,
        destination,
        purpose,
        odometer_km,
        beidou_km,
        mileage_gap_km

    from trip_facts
    where year = $year and is_mileage_mismatch

)

select * from final
order by center_id, departed_at, trip_id

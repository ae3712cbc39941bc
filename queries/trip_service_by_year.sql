-- Dispatch service in each year: fulfilment, response times, mileage, cost.
with

trip_service_by_year as (

    select * from trip_service_by_year

),

final as (

    select
        center_id,
        year,
        requested_count,
        completed_count,
        cancelled_by_requester_count,
        rejected_count,
        open_count,
        repair_trip_count,
        fulfilment_ratio,
        response_median_minutes,
        response_p90_minutes,
        mileage_mismatch_count,
        distance_km,
        cost_yuan,
        cost_per_km_yuan

    from trip_service_by_year

)

select * from final
order by center_id, year

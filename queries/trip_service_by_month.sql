-- Dispatch service in each month of year $year.
with

trip_service_by_month as (

    select * from trip_service_by_month

),

final as (

    select
        center_id,
        year,
        month_date,
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

    from trip_service_by_month
    where year = $year

)

select * from final
order by center_id, month_date

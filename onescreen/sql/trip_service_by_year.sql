-- Dispatch service in each year: requests, fulfilment, response times,
-- mileage.
create or replace table trip_service_by_year as

with

trip_facts as (

    select * from trip_facts

),

final as (

    select
        center_id,
        year,
        count(*) as requested_count,
        count(*) filter (where is_completed) as completed_count,
        count(*) filter (where is_cancelled_by_requester)
            as cancelled_by_requester_count,
        count(*) filter (where status = '已驳回') as rejected_count,
        count(*) filter (where status in ('执行中', '已派车', '待派车')) as open_count,
        count(*) filter (where is_repair) as repair_trip_count,
        completed_count
        / nullif(requested_count - cancelled_by_requester_count, 0)
            as fulfilment_ratio,
        median(response_minutes) as response_median_minutes,
        quantile_cont(response_minutes, 0.9) as response_p90_minutes,
        count(*) filter (where is_mileage_mismatch) as mileage_mismatch_count,
        sum(distance_km) filter (where is_completed) as distance_km,
        sum(cost_yuan) filter (where is_completed) as cost_yuan,
        sum(cost_yuan) filter (where is_completed)
        / nullif(sum(distance_km) filter (where is_completed), 0)
            as cost_per_km_yuan

    from trip_facts
    group by center_id, year

)

select * from final

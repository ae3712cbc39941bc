-- Utilisation of each vehicle in each month it was owned.
create or replace table vehicle_utilisation_by_month as

with

vehicle_days as (

    select * from vehicle_days

),

final as (

    select
        center_id,
        plate,
        year,
        month_date,
        count(*) filter (where is_workday) as workday_count,
        count(*) filter (where is_repair) as repair_days,
        count(*) filter (where is_available) as available_days,
        count(*) filter (where is_used) as used_days,
        used_days / nullif(available_days, 0) as utilisation_ratio

    from vehicle_days
    group by center_id, plate, year, month_date

)

select * from final

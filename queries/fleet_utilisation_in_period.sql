-- Fleet utilisation between $start_date and $end_date (both included):
-- days out on a completed trip over the working days vehicles were available.
with

centers as (

    select * from centers

),

vehicle_days as (

    select * from vehicle_days

),

period_days as (

    select
        center_id,
        plate,
        is_available,
        is_used

    from vehicle_days
    where calendar_date between $start_date and $end_date

),

fleet as (

    select
        center_id,
        count(distinct plate) filter (where is_available) as vehicle_count,
        count(*) filter (where is_available) as available_days,
        count(*) filter (where is_used) as used_days

    from period_days
    group by center_id

),

final as (

    select
        centers.center_id,
        cast($start_date as date) as period_start_date,
        cast($end_date as date) as period_end_date,
        coalesce(fleet.vehicle_count, 0) as vehicle_count,
        coalesce(fleet.available_days, 0) as available_days,
        coalesce(fleet.used_days, 0) as used_days,
        fleet.used_days / nullif(fleet.available_days, 0)
            as utilisation_ratio

    from centers
    left join fleet
        on centers.center_id = fleet.center_id

)

select * from final
order by center_id

-- The routes of vehicle $plate from $start_date to $end_date: its BeiDou
-- positions of each day in time order, the latest $route_limit days.
with

gps_points as (

    select * from gps_points

),

routes as (

    select
        center_id,
        plate,
        cast(recorded_at as date) as route_date,
        list([longitude, latitude] order by recorded_at) as path,
        count(*) as position_count

    from gps_points
    where
        plate = $plate
        and recorded_at >= $start_date
        and recorded_at < cast($end_date as date) + 1
    group by center_id, plate, route_date

),

final as (

    select * from routes
    order by route_date desc
    limit $route_limit

)

select * from final
order by center_id, plate, route_date

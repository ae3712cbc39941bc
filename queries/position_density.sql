-- BeiDou positions recorded from $start_date to $end_date (of vehicle
-- $plate, or all when null), counted in cells of $cell_degrees degrees;
-- the $cell_limit busiest cells, so the map never carries the raw points.
with

gps_points as (

    select * from gps_points

),

cells as (

    select
        center_id,
        floor(latitude / $cell_degrees) as latitude_cell,
        floor(longitude / $cell_degrees) as longitude_cell,
        count(*) as position_count,
        count(distinct plate) as vehicle_count

    from gps_points
    where
        recorded_at >= $start_date
        and recorded_at < cast($end_date as date) + 1
        and ($plate is null or plate = $plate)
    group by center_id, latitude_cell, longitude_cell

),

final as (

    select
        center_id,
        (latitude_cell + 0.5) * $cell_degrees as latitude,
        (longitude_cell + 0.5) * $cell_degrees as longitude,
        position_count,
        vehicle_count

    from cells
    order by position_count desc
    limit $cell_limit

)

select * from final
order by center_id, latitude, longitude

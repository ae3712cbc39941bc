-- Service reviews (好差评) made from $start_date to $end_date of handlers in
-- $department and $track (null: all), by item.
with

service_review_facts as (

    select * from service_review_facts

),

people as (

    select * from people

),

period_reviews as (

    select
        reviews.*,
        handlers.name as handler_name,
        handlers.department as handler_department,
        handlers.track as handler_track

    from service_review_facts as reviews
    left join people as handlers
        on
            reviews.center_id = handlers.center_id
            and reviews.handler_person_id = handlers.person_id
    where
        reviews.review_date between $start_date and $end_date
        and ($department is null or handlers.department = $department)
        and ($track is null or handlers.track = $track)

),

final as (

    select
        center_id,
        item_name,
        count(*) as review_count,
        count(*) filter (where is_satisfied) as satisfied_count,
        count(*) filter (where is_bad) as bad_count,
        satisfied_count / nullif(review_count, 0) as satisfaction_ratio,
        count(*) filter (where is_rectified_in_time)
            as rectified_in_time_count,
        count(*) filter (where is_rectification_overdue)
            as rectification_overdue_count,
        rectified_in_time_count / nullif(bad_count, 0)
            as rectified_in_time_ratio

    from period_reviews
    group by center_id, item_name

)

select * from final
order by center_id, satisfaction_ratio, item_name

-- Service reviews (好差评) made from $start_date to $end_date of handlers in
-- $department and $track (null: all): satisfaction and rectification.
with

centers as (

    select * from centers

),

service_review_facts as (

    select * from service_review_facts

),

people as (

    select * from people

),

period_reviews as (

    select reviews.*

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

satisfaction as (

    select
        center_id,
        count(*) as review_count,
        count(*) filter (where is_satisfied) as satisfied_count,
        count(*) filter (where is_bad) as bad_count,
        count(*) filter (where is_rectified_in_time)
            as rectified_in_time_count,
        count(*) filter (where is_rectification_overdue)
            as rectification_overdue_count

    from period_reviews
    group by center_id

),

final as (

    select
        centers.center_id,
        coalesce(satisfaction.review_count, 0) as review_count,
        coalesce(satisfaction.satisfied_count, 0) as satisfied_count,
        coalesce(satisfaction.bad_count, 0) as bad_count,
        satisfaction.satisfied_count
        / nullif(satisfaction.review_count, 0) as satisfaction_ratio,
        coalesce(satisfaction.rectified_in_time_count, 0)
            as rectified_in_time_count,
        coalesce(satisfaction.rectification_overdue_count, 0)
            as rectification_overdue_count,
        satisfaction.rectified_in_time_count
        / nullif(satisfaction.bad_count, 0) as rectified_in_time_ratio

    from centers
    left join satisfaction
        on centers.center_id = satisfaction.center_id

)

select * from final
order by center_id

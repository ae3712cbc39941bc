-- Bad reviews made from $start_date to $end_date of handlers in $department
-- and $track (null: all), and whether each was rectified in time.
with

service_review_facts as (

    select * from service_review_facts

),

people as (

    select * from people

),

final as (

    select
        reviews.center_id,
        reviews.review_id,
        reviews.reviewed_at,
        reviews.item_name,
        reviews.rating,
        reviews.channel,
        reviews.comment,
        reviews.handler_staff_no,
        handlers.name as handler_name,
        handlers.department as handler_department,
        reviews.rectify_due_date,
        reviews.rectified_at,
        reviews.days_to_rectify,
        reviews.is_rectified_in_time,
        reviews.is_rectification_overdue

    from service_review_facts as reviews
    left join people as handlers
        on
            reviews.center_id = handlers.center_id
            and reviews.handler_person_id = handlers.person_id
    where
        reviews.is_bad
        and reviews.review_date between $start_date and $end_date
        and ($department is null or handlers.department = $department)
        and ($track is null or handlers.track = $track)

)

select * from final
order by center_id, reviewed_at, review_id

-- Bad reviews made in year $year and whether each was rectified in time.
with

service_review_facts as (

    select * from service_review_facts

),

final as (

    select
        center_id,
        review_id,
        reviewed_at,
        handler_staff_no,
        item_name,
        rating,
        channel,
        comment,
        rectified_at,
        days_to_rectify,
        rectify_due_date,
        is_rectified,
        is_rectified_in_time,
        is_rectification_overdue

    from service_review_facts
    where year = $year and is_bad

)

select * from final
order by center_id, reviewed_at, review_id

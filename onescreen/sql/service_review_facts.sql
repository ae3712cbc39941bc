-- One row per service review up to the cut-off: satisfied or bad, and whether
-- a bad review was rectified in time.
create or replace table service_review_facts as

with

service_reviews as (

    select * from service_reviews

),

staff_numbers as (

    select * from staff_numbers

),

metric_settings as (

    select * from metric_settings

),

dated as (

    select
        service_reviews.*,
        cast(service_reviews.reviewed_at as date) as review_date,
        service_reviews.rating in ('非常满意', '满意') as is_satisfied,
        service_reviews.rating in ('不满意', '非常不满意') as is_bad,
        -- A rectification after the cut-off had not happened yet at the cut-
        -- off.
        case
            when
                cast(service_reviews.rectified_at as date)
                <= settings.as_of_date
                then service_reviews.rectified_at
        end as rectified_by_cut_off_at,
        settings.as_of_date,
        settings.rectify_within_days

    from service_reviews
    cross join metric_settings as settings
    where cast(service_reviews.reviewed_at as date) <= settings.as_of_date

),

measured as (

    select
        *,
        date_diff(
            'day', review_date, cast(rectified_by_cut_off_at as date)
        ) as days_to_rectify,
        review_date + rectify_within_days as rectify_due_date

    from dated

),

final as (

    select
        measured.center_id,
        measured.review_id,
        measured.reviewed_at,
        measured.review_date,
        cast(year(measured.review_date) as integer) as year,
        cast(date_trunc('month', measured.review_date) as date) as month_date,
        measured.handler_staff_no,
        handlers.person_id as handler_person_id,
        measured.item_name,
        measured.rating,
        measured.channel,
        measured.comment,
        measured.is_satisfied,
        measured.is_bad,
        measured.rectified_by_cut_off_at as rectified_at,
        measured.days_to_rectify,
        measured.rectify_due_date,
        measured.is_bad and measured.days_to_rectify is not null
            as is_rectified,
        case
            when not measured.is_bad then null
            when measured.days_to_rectify is not null
                then measured.days_to_rectify <= measured.rectify_within_days
            when measured.as_of_date > measured.rectify_due_date then false
        end as is_rectified_in_time,
        measured.is_bad
        and measured.days_to_rectify is null
        and measured.as_of_date > measured.rectify_due_date
            as is_rectification_overdue

    from measured
    left join staff_numbers as handlers
        on
            measured.center_id = handlers.center_id
            and measured.handler_staff_no = handlers.staff_no

)

select * from final

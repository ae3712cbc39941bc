-- Service reviews in each year: satisfaction, bad reviews and their
-- rectification.
create or replace table satisfaction_by_year as

with

service_review_facts as (

    select * from service_review_facts

),

final as (

    select
        center_id,
        year,
        count(*) as review_count,
        count(*) filter (where is_satisfied) as satisfied_count,
        count(*) filter (where is_bad) as bad_count,
        satisfied_count / review_count as satisfaction_ratio,
        count(*) filter (where is_rectified) as rectified_count,
        count(*) filter (where is_rectified_in_time)
            as rectified_in_time_count,
        count(*) filter (where is_rectification_overdue)
            as rectification_overdue_count,
        rectified_in_time_count / nullif(count(is_rectified_in_time), 0)
            as rectified_in_time_ratio

    from service_review_facts
    group by center_id, year

)

select * from final

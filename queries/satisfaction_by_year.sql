-- Service reviews of each year: satisfaction and the rectification of bad
-- ones.
with

satisfaction_by_year as (

    select * from satisfaction_by_year

),

final as (

    select
        center_id,
        year,
        review_count,
        satisfied_count,
        bad_count,
        satisfaction_ratio,
        rectified_count,
        rectified_in_time_count,
        rectification_overdue_count,
        rectified_in_time_ratio

    from satisfaction_by_year

)

select * from final
order by center_id, year

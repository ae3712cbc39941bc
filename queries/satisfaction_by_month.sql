-- Service reviews of each month of year $year.
with

satisfaction_by_month as (

    select * from satisfaction_by_month

),

final as (

    select
        center_id,
        year,
        month_date,
        review_count,
        satisfied_count,
        bad_count,
        satisfaction_ratio,
        rectified_count,
        rectified_in_time_count,
        rectification_overdue_count,
        rectified_in_time_ratio

    from satisfaction_by_month
    where year = $year

)

select * from final
order by center_id, month_date

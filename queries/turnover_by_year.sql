-- Headcount, hires, leavers and turnover of each track in each year.
with

turnover_by_year as (

    select * from turnover_by_year

),

final as (

    select
        center_id,
        year,
        track,
        start_headcount,
        end_headcount,
        average_headcount,
        hire_count,
        leaver_count,
        turnover_ratio

    from turnover_by_year

)

select * from final
order by center_id, year, track

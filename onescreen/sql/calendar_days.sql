-- Every day of the period the data spans, workday or not. Holidays are
-- national, so there is one row per day, carrying the center of the build.
create or replace table calendar_days as

with

calendar_frame as (

    select * from calendar_frame

),

build_info as (

    select * from build_info

),

final as (

    select
        build_info.center_id,
        calendar_frame.calendar_date,
        calendar_frame.year,
        calendar_frame.month,
        calendar_frame.quarter,
        cast(date_trunc('month', calendar_frame.calendar_date) as date)
            as month_date,
        calendar_frame.is_workday,
        calendar_frame.calendar_source

    from calendar_frame
    cross join build_info

)

select * from final

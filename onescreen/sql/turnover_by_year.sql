-- Headcount, hires and leavers of each roster in each year, and the turnover
-- ratio (leavers over the average of the headcounts at the start and end of
-- the year).
create or replace table turnover_by_year as

with

staff_records as (

    select * from staff_records

),

calendar_days as (

    select * from calendar_days

),

centers as (

    select * from centers

),

metric_settings as (

    select * from metric_settings

),

years as (

    select distinct
        centers.center_id,
        calendar_days.year,
        make_date(calendar_days.year, 1, 1) as first_date,
        least(make_date(calendar_days.year, 12, 31), settings.as_of_date)
            as last_date

    from calendar_days
    cross join centers
    cross join metric_settings as settings
    where calendar_days.year <= settings.as_of_year

),

tracks as (

    select 'established' as track
    union all
    select 'contract' as track

),

-- Someone marked as gone without a leaving date cannot be placed in time.
dated_records as (

    select * from staff_records
    where not (status in ('离职', '退休') and leave_date is null)

),

final as (

    select
        years.center_id,
        years.year,
        tracks.track,
        count(dated_records.person_id) filter (
            where coalesce(dated_records.start_date <= years.first_date, true)
            and coalesce(dated_records.leave_date > years.first_date, true)
        ) as start_headcount,
        count(dated_records.person_id) filter (
            where coalesce(dated_records.start_date <= years.last_date, true)
            and coalesce(dated_records.leave_date > years.last_date, true)
        ) as end_headcount,
        count(dated_records.person_id) filter (
            where dated_records.start_date
            between years.first_date and years.last_date
        ) as hire_count,
        count(dated_records.person_id) filter (
            where dated_records.leave_date
            between years.first_date and years.last_date
        ) as leaver_count,
        (start_headcount + end_headcount) / 2 as average_headcount,
        leaver_count / nullif(average_headcount, 0) as turnover_ratio

    from years
    cross join tracks
    left join dated_records
        on
            years.center_id = dated_records.center_id
            and tracks.track = dated_records.track
    group by years.center_id, years.year, tracks.track

)

select * from final

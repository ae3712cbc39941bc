-- Headcount, hires, leavers and turnover of each track from $start_date to
-- $end_date, in $department and $track (null: all).
with

staff_records as (

    select * from staff_records

),

centers as (

    select * from centers

),

tracks as (

    select 'established' as track
    union all
    select 'contract' as track

),

-- Someone marked as gone without a leaving date cannot be placed in time.
dated_records as (

    select * from staff_records
    where
        not (status in ('离职', '退休') and leave_date is null)
        and ($department is null or department = $department)

),

counts as (

    select
        centers.center_id,
        tracks.track,
        count(records.person_id) filter (
            where coalesce(records.start_date <= $start_date, true)
            and coalesce(records.leave_date > $start_date, true)
        ) as start_headcount,
        count(records.person_id) filter (
            where coalesce(records.start_date <= $end_date, true)
            and coalesce(records.leave_date > $end_date, true)
        ) as end_headcount,
        count(records.person_id) filter (
            where records.start_date between $start_date and $end_date
        ) as hire_count,
        count(records.person_id) filter (
            where records.leave_date between $start_date and $end_date
        ) as leaver_count

    from centers
    cross join tracks
    left join dated_records as records
        on
            centers.center_id = records.center_id
            and tracks.track = records.track
    where $track is null or tracks.track = $track
    group by centers.center_id, tracks.track

),

final as (

    select
        center_id,
        track,
        start_headcount,
        end_headcount,
        (start_headcount + end_headcount) / 2 as average_headcount,
        hire_count,
        leaver_count,
        leaver_count / nullif(average_headcount, 0) as turnover_ratio

    from counts

)

select * from final
order by center_id, track

-- People on duty on $end_date by track, department and post family, in
-- $department and $track (null: all).
with

staff_records as (

    select * from staff_records

),

on_duty as (

    select
        center_id,
        person_id,
        track,
        department,
        post_family,
        gender,
        date_sub('year', birth_date, cast($end_date as date)) as age_years

    from staff_records
    where
        coalesce(start_date <= $end_date, true)
        and coalesce(leave_date > $end_date, status not in ('离职', '退休'))
        and ($department is null or department = $department)
        and ($track is null or track = $track)

),

final as (

    select
        center_id,
        track,
        coalesce(department, '') as department,
        coalesce(post_family, '') as post_family,
        count(distinct person_id) as headcount,
        count(distinct person_id) filter (where gender = '女')
            as female_count,
        count(distinct person_id) filter (where age_years >= 50)
            as aged_50_plus_count,
        avg(age_years) as average_age_years

    from on_duty
    group by center_id, track, department, post_family

)

select * from final
order by center_id, track, department, post_family

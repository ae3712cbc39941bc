-- People on duty on $end_date by track and age band, in $department and
-- $track (null: all).
with

staff_records as (

    select * from staff_records

),

age_bands as (

    select * from age_bands

),

on_duty as (

    select
        center_id,
        person_id,
        track,
        date_sub('year', birth_date, cast($end_date as date)) as age_years

    from staff_records
    where
        coalesce(start_date <= $end_date, true)
        and coalesce(leave_date > $end_date, status not in ('离职', '退休'))
        and ($department is null or department = $department)
        and ($track is null or track = $track)

),

banded as (

    select
        on_duty.center_id,
        on_duty.track,
        coalesce(age_bands.band_label, 'unknown') as age_band,
        coalesce(age_bands.band_order, 99) as age_band_order,
        count(distinct on_duty.person_id) as headcount

    from on_duty
    left join age_bands
        on
            on_duty.age_years >= age_bands.lower_years
            and (
                age_bands.upper_years is null
                or on_duty.age_years < age_bands.upper_years
            )
    group by all

),

final as (

    select
        center_id,
        track,
        age_band,
        age_band_order,
        headcount,
        headcount / sum(headcount) over (partition by center_id, track)
            as headcount_share

    from banded

)

select * from final
order by center_id, track, age_band_order

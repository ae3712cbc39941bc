-- People not scored in quarter $quarter of $year, with the reason.
-- $department and $track (null: all) narrow it to one department or track.
with

kpi_not_scored as (

    select * from kpi_not_scored

),

people as (

    select * from people

),

final as (

    select
        center_id,
        person_id,
        staff_no,
        name as person_name,
        department,
        post_name,
        post_family_code,
        months_on_duty,
        record_month_count,
        reason_code

    from kpi_not_scored
    where year = $year and quarter = $quarter
        and ($department is null or department = $department)
        and (
            $track is null
            or person_id in (select person_id from people where track = $track)
        )

)

select * from final
order by staff_no

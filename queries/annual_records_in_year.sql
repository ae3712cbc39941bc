-- The annual record (年备案) of year $year: each person's quarters, average
-- total, rank on it and grade.
-- $department and $track (null: all) narrow it to one department or track.
with

kpi_annual_records as (

    select * from kpi_annual_records

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
        year,
        scored_quarter_count,
        average_total_score,
        center_rank,
        center_ranked_count,
        excellent_quarter_count,
        last_quarter_count,
        grade_code

    from kpi_annual_records
    where year = $year
        and ($department is null or department = $department)
        and (
            $track is null
            or person_id in (select person_id from people where track = $track)
        )

)

select * from final
order by center_rank, staff_no

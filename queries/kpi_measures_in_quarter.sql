-- The measured data behind 绩 in quarter $quarter of $year: each person's
-- raw value and the score it scales to within the post family.
-- $department and $track (null: all) narrow it to one department or track.
with

kpi_measures as (

    select * from kpi_measures

),

people as (

    select * from people

),

final as (

    select
        kpi_measures.center_id,
        kpi_measures.person_id,
        people.staff_no,
        people.name as person_name,
        kpi_measures.post_family_code,
        kpi_measures.measure_code,
        kpi_measures.measure_value,
        kpi_measures.is_higher_better,
        kpi_measures.normalised_score

    from kpi_measures
    inner join people
        on
            kpi_measures.center_id = people.center_id
            and kpi_measures.person_id = people.person_id
    where
        kpi_measures.year = $year
        and kpi_measures.quarter = $quarter
        and ($department is null or people.department = $department)
        and ($track is null or people.track = $track)

)

select * from final
order by post_family_code, staff_no, measure_code

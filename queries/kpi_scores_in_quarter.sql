-- The scores of quarter $quarter of $year, by center rank; $post_family
-- (a family code, null: all) narrows the rows.
-- $department and $track (null: all) narrow it to one department or track.
with

kpi_scores as (

    select * from kpi_scores

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
        quarter,
        morality_score,
        competence_score,
        diligence_score,
        record_achievement_score,
        measured_score,
        achievement_score,
        integrity_score,
        total_score,
        center_rank,
        center_ranked_count,
        family_rank,
        family_ranked_count,
        previous_center_rank,
        center_rank_change,
        grade_code,
        is_last,
        is_last_twice

    from kpi_scores
    where
        year = $year
        and quarter = $quarter
        and ($post_family is null or post_family_code = $post_family)
        and ($department is null or department = $department)
        and (
            $track is null
            or person_id in (select person_id from people where track = $track)
        )

)

select * from final
order by center_rank, staff_no

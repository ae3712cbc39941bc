-- One row per scored person and quarter: the five dimensions, 绩 blended
-- from the record and the measured data, the total, ranks and grade.
-- Ranks are competition ranks ("1224") on the total rounded to 2 decimals.
create or replace table kpi_scores as

with

kpi_person_quarters as (

    select * from kpi_person_quarters

),

kpi_not_scored as (

    select * from kpi_not_scored

),

kpi_measures as (

    select * from kpi_measures

),

kpi_post_families as (

    select * from kpi_post_families

),

kpi_rule_settings as (

    select * from kpi_rule_settings

),

measured as (

    select
        center_id,
        person_id,
        year,
        quarter,
        avg(normalised_score) as measured_score

    from kpi_measures
    group by all

),

blended as (

    select
        quarters.*,
        families.family_order,
        measured.measured_score,
        case
            when
                measured.measured_score is null
                or families.measured_weight = 0
                then quarters.record_achievement_score
            else
                (
                    families.record_weight * quarters.record_achievement_score
                    + families.measured_weight * measured.measured_score
                )
                / 100
        end as achievement_score

    from kpi_person_quarters as quarters
    anti join kpi_not_scored as skipped
        on
            quarters.center_id = skipped.center_id
            and quarters.person_id = skipped.person_id
            and quarters.year = skipped.year
            and quarters.quarter = skipped.quarter
    inner join kpi_post_families as families
        on quarters.post_family_code = families.post_family_code
    left join measured
        on
            quarters.center_id = measured.center_id
            and quarters.person_id = measured.person_id
            and quarters.year = measured.year
            and quarters.quarter = measured.quarter

),

totals as (

    select
        blended.*,
        (
            rules.weight_morality * blended.morality_score
            + rules.weight_competence * blended.competence_score
            + rules.weight_diligence * blended.diligence_score
            + rules.weight_achievement * blended.achievement_score
            + rules.weight_integrity * blended.integrity_score
        )
        / 100 as total_score

    from blended
    cross join kpi_rule_settings as rules

),

ranked as (

    select
        totals.*,
        cast(
            rank() over (
                partition by center_id, year, quarter
                order by round(total_score, 2) desc
            ) as integer
        ) as center_rank,
        cast(
            count(*) over (partition by center_id, year, quarter) as integer
        ) as center_ranked_count,
        cast(
            rank() over (
                partition by center_id, year, quarter, post_family_code
                order by round(total_score, 2) desc
            ) as integer
        ) as family_rank,
        cast(
            count(*) over (
                partition by center_id, year, quarter, post_family_code
            ) as integer
        ) as family_ranked_count

    from totals

),

placed as (

    select
        ranked.*,
        ranked.center_rank
        = max(ranked.center_rank) over (
            partition by ranked.center_id, ranked.year, ranked.quarter
        )
        and ranked.center_ranked_count >= rules.people_min_ranking_size
            as is_last_in_center,
        ranked.family_rank
        = max(ranked.family_rank) over (
            partition by
                ranked.center_id,
                ranked.year,
                ranked.quarter,
                ranked.post_family_code
        )
        and ranked.family_ranked_count >= rules.people_min_ranking_size
            as is_last_in_family,
        case
            when
                ranked.center_rank
                <= floor(
                    rules.grades_excellent_share * ranked.center_ranked_count
                    + 1e-9
                )
                and round(ranked.total_score, 2)
                >= rules.grades_excellent_min_score
                then 'excellent'
            when
                round(ranked.total_score, 2) >= rules.grades_good_min_score
                then 'good'
            when
                round(ranked.total_score, 2) >= rules.grades_fair_min_score
                then 'fair'
            else 'poor'
        end as grade_code,
        rules.people_last_place_scope as last_place_scope

    from ranked
    cross join kpi_rule_settings as rules

),

with_last as (

    select
        placed.*,
        case placed.last_place_scope
            when 'center' then placed.is_last_in_center
            else placed.is_last_in_family
        end as is_last

    from placed

),

final as (

    select
        current_quarter.center_id,
        current_quarter.person_id,
        current_quarter.staff_no,
        current_quarter.name,
        current_quarter.department,
        current_quarter.post_name,
        current_quarter.post_family_code,
        current_quarter.family_order,
        current_quarter.year,
        current_quarter.quarter,
        current_quarter.quarter_index,
        current_quarter.months_on_duty,
        current_quarter.record_month_count,
        current_quarter.morality_score,
        current_quarter.competence_score,
        current_quarter.diligence_score,
        current_quarter.record_achievement_score,
        current_quarter.measured_score,
        current_quarter.achievement_score,
        current_quarter.integrity_score,
        current_quarter.total_score,
        current_quarter.center_rank,
        current_quarter.center_ranked_count,
        current_quarter.family_rank,
        current_quarter.family_ranked_count,
        previous_quarter.center_rank as previous_center_rank,
        previous_quarter.center_rank - current_quarter.center_rank
            as center_rank_change,
        previous_quarter.family_rank as previous_family_rank,
        current_quarter.grade_code,
        current_quarter.is_last_in_center,
        current_quarter.is_last_in_family,
        current_quarter.last_place_scope,
        current_quarter.is_last,
        current_quarter.is_last
        and coalesce(previous_quarter.is_last, false) as is_last_twice

    from with_last as current_quarter
    left join with_last as previous_quarter
        on
            current_quarter.center_id = previous_quarter.center_id
            and current_quarter.person_id = previous_quarter.person_id
            and current_quarter.quarter_index
            = previous_quarter.quarter_index + 1

)

select * from final

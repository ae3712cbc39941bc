-- One row per person and year scored (年备案): quarters scored, the average
-- of their totals, the rank on it, and how often graded 好 or last.
create or replace table kpi_annual_records as

with

kpi_scores as (

    select * from kpi_scores

),

kpi_rule_settings as (

    select * from kpi_rule_settings

),

yearly as (

    select
        center_id,
        person_id,
        staff_no,
        name,
        department,
        post_name,
        post_family_code,
        year,
        cast(count(*) as integer) as scored_quarter_count,
        avg(total_score) as average_total_score,
        cast(
            count(*) filter (where grade_code = 'excellent') as integer
        ) as excellent_quarter_count,
        cast(count(*) filter (where is_last) as integer) as last_quarter_count,
        cast(
            count(*) filter (where is_last_twice) as integer
        ) as last_twice_count

    from kpi_scores
    group by all

),

ranked as (

    select
        yearly.*,
        cast(
            rank() over (
                partition by center_id, year
                order by round(average_total_score, 2) desc
            ) as integer
        ) as center_rank,
        cast(
            count(*) over (partition by center_id, year) as integer
        ) as center_ranked_count

    from yearly

),

final as (

    select
        ranked.*,
        case
            when
                ranked.center_rank
                <= floor(
                    rules.grades_excellent_share * ranked.center_ranked_count
                    + 1e-9
                )
                and round(ranked.average_total_score, 2)
                >= rules.grades_excellent_min_score
                then 'excellent'
            when
                round(ranked.average_total_score, 2)
                >= rules.grades_good_min_score
                then 'good'
            when
                round(ranked.average_total_score, 2)
                >= rules.grades_fair_min_score
                then 'fair'
            else 'poor'
        end as grade_code

    from ranked
    cross join kpi_rule_settings as rules

)

select * from final

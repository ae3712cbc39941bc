-- Alerts on people for the quarters of the latest scored year: last in the
-- ranking twice running (red) or once (yellow), and graded 好 (green).
create or replace table people_alerts as

with

kpi_scores as (

    select * from kpi_scores

),

kpi_rule_settings as (

    select * from kpi_rule_settings

),

recent as (

    select kpi_scores.*
    from kpi_scores
    cross join kpi_rule_settings as rules
    where
        kpi_scores.quarter_index
        > (select max(quarter_index) from kpi_scores)
        - rules.people_alert_quarters

),

flagged as (

    select
        recent.*,
        case
            when recent.is_last_twice then 'last_twice'
            when recent.is_last then 'last_once'
            when recent.grade_code = 'excellent' then 'commendation'
        end as rule,
        case
            when recent.last_place_scope = 'center'
                then recent.center_ranked_count
            else recent.family_ranked_count
        end as ranking_size,
        case
            when recent.last_place_scope = 'center' then recent.center_rank
            else recent.family_rank
        end as place

    from recent

),

final as (

    select
        center_id,
        'people' as domain,
        rule,
        case rule
            when 'last_twice' then 'red'
            when 'last_once' then 'yellow'
            else 'green'
        end as color,
        'person' as subject_type,
        person_id as subject_id,
        name as subject_name,
        concat(year, '-Q', quarter) as period_label,
        cast(
            case when rule = 'commendation' then total_score else place end
            as double
        ) as measured_value,
        cast(
            case
                when rule = 'commendation' then null else ranking_size
            end as double
        ) as threshold_value,
        case when rule = 'commendation' then 'score' else 'rank' end
            as value_unit,
        'person_monthly_records' as drill_query,
        to_json({
            person_id: person_id, year: year, quarter: quarter
        }) :: varchar as drill_parameters

    from flagged
    where rule is not null

)

select * from final

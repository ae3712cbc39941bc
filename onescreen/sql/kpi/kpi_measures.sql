-- One row per scored person, quarter and measure behind 绩: the raw value
-- and whether higher is better. Dispatch, energy and property measures are
-- the center's own (the data does not name who did the work), so everyone
-- in those families shares them.
create or replace table kpi_measures as

with

kpi_person_quarters as (

    select * from kpi_person_quarters

),

kpi_not_scored as (

    select * from kpi_not_scored

),

trip_facts as (

    select * from trip_facts

),

service_review_facts as (

    select * from service_review_facts

),

energy_by_building_month as (

    select * from energy_by_building_month

),

property_problem_facts as (

    select * from property_problem_facts

),

kpi_rule_settings as (

    select * from kpi_rule_settings

),

scored as (

    select quarters.*
    from kpi_person_quarters as quarters
    anti join kpi_not_scored as skipped
        on
            quarters.center_id = skipped.center_id
            and quarters.person_id = skipped.person_id
            and quarters.year = skipped.year
            and quarters.quarter = skipped.quarter

),

driver_trips as (

    select
        center_id,
        driver_person_id as person_id,
        year,
        cast(quarter(request_date) as integer) as quarter,
        count(*) filter (where is_completed) as completed_count,
        count(*) filter (
            where is_completed and is_mileage_mismatch
        ) as mismatch_count

    from trip_facts
    where driver_person_id is not null
    group by all

),

center_response as (

    select
        center_id,
        year,
        cast(quarter(request_date) as integer) as quarter,
        median(response_minutes) as response_median_minutes

    from trip_facts
    where response_minutes is not null
    group by all

),

handler_reviews as (

    select
        center_id,
        handler_person_id as person_id,
        year,
        cast(quarter(review_date) as integer) as quarter,
        avg(cast(is_satisfied as integer)) as satisfaction_ratio

    from service_review_facts
    where handler_person_id is not null
    group by all

),

center_energy as (

    select
        center_id,
        year,
        cast(quarter(month_date) as integer) as quarter,
        sum(kgce) filter (where baseline_kgce is not null)
        / nullif(sum(baseline_kgce), 0) - 1 as energy_change_ratio

    from energy_by_building_month
    group by all

),

center_problems as (

    select
        center_id,
        cast(year(resolved_date) as integer) as year,
        cast(quarter(resolved_date) as integer) as quarter,
        count(*) as closed_count

    from property_problem_facts
    where resolved_date is not null
    group by all

),

measures as (

    select
        scored.center_id,
        scored.person_id,
        scored.year,
        scored.quarter,
        scored.post_family_code,
        'trips_completed' as measure_code,
        cast(coalesce(driver_trips.completed_count, 0) as double)
            as measure_value,
        true as is_higher_better
    from scored
    left join driver_trips
        using (center_id, person_id, year, quarter)
    where scored.post_family_code = 'drivers'

    union all

    select
        scored.center_id,
        scored.person_id,
        scored.year,
        scored.quarter,
        scored.post_family_code,
        'mileage_mismatch_share',
        driver_trips.mismatch_count
        / nullif(driver_trips.completed_count, 0),
        false
    from scored
    left join driver_trips
        using (center_id, person_id, year, quarter)
    where scored.post_family_code = 'drivers'

    union all

    select
        scored.center_id,
        scored.person_id,
        scored.year,
        scored.quarter,
        scored.post_family_code,
        'response_median_minutes',
        center_response.response_median_minutes,
        false
    from scored
    left join center_response
        using (center_id, year, quarter)
    where scored.post_family_code = 'dispatch'

    union all

    select
        scored.center_id,
        scored.person_id,
        scored.year,
        scored.quarter,
        scored.post_family_code,
        'satisfaction_ratio',
        handler_reviews.satisfaction_ratio,
        true
    from scored
    left join handler_reviews
        using (center_id, person_id, year, quarter)
    where scored.post_family_code = 'service_windows'

    union all

    select
        scored.center_id,
        scored.person_id,
        scored.year,
        scored.quarter,
        scored.post_family_code,
        'energy_change_ratio',
        center_energy.energy_change_ratio,
        false
    from scored
    left join center_energy
        using (center_id, year, quarter)
    where scored.post_family_code = 'energy'

    union all

    select
        scored.center_id,
        scored.person_id,
        scored.year,
        scored.quarter,
        scored.post_family_code,
        'problems_closed',
        cast(coalesce(center_problems.closed_count, 0) as double),
        true
    from scored
    left join center_problems
        using (center_id, year, quarter)
    where scored.post_family_code = 'property'

),

final as (

    select
        measures.*,
        -- Min-max within the family and quarter onto the rules' scale;
        -- when everyone has the same value, each gets the middle of it.
        case
            when measures.measure_value is null then null
            when
                max(measures.measure_value) over family_quarter
                = min(measures.measure_value) over family_quarter
                then (rules.scoring_scale_floor + rules.scoring_scale_ceiling)
                / 2
            else
                rules.scoring_scale_floor
                + (rules.scoring_scale_ceiling - rules.scoring_scale_floor)
                * (
                    case
                        when measures.is_higher_better
                            then
                                measures.measure_value
                                - min(measures.measure_value)
                                    over family_quarter
                        else
                            max(measures.measure_value) over family_quarter
                            - measures.measure_value
                    end
                )
                / (
                    max(measures.measure_value) over family_quarter
                    - min(measures.measure_value) over family_quarter
                )
        end as normalised_score

    from measures
    cross join kpi_rule_settings as rules
    window family_quarter as (
        partition by
            measures.center_id,
            measures.year,
            measures.quarter,
            measures.post_family_code,
            measures.measure_code
    )

)

select * from final

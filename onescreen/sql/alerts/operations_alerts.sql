-- Alerts on vehicles, dispatch, buildings, problems, registration, energy,
-- reviews and posts, each measured against the rules' thresholds.
create or replace table operations_alerts as

with

metric_settings as (

    select * from metric_settings

),

kpi_rule_settings as (

    select * from kpi_rule_settings

),

vehicle_utilisation_by_year as (

    select * from vehicle_utilisation_by_year

),

trip_service_by_month as (

    select * from trip_service_by_month

),

trip_facts as (

    select * from trip_facts

),

building_register as (

    select * from building_register

),

property_problem_facts as (

    select * from property_problem_facts

),

registration_progress as (

    select * from registration_progress

),

energy_by_building_month as (

    select * from energy_by_building_month

),

service_review_facts as (

    select * from service_review_facts

),

post_backup_coverage as (

    select * from post_backup_coverage

),

settings as (

    select * from metric_settings
    cross join kpi_rule_settings

),

vehicle_alerts as (

    select
        usage.center_id,
        'fleet' as domain,
        case
            when usage.utilisation_ratio < settings.fleet_idle_below
                then 'vehicle_idle'
            else 'vehicle_overused'
        end as rule,
        'yellow' as color,
        'vehicle' as subject_type,
        usage.plate as subject_id,
        usage.plate as subject_name,
        cast(usage.year as varchar) as period_label,
        usage.utilisation_ratio as measured_value,
        case
            when usage.utilisation_ratio < settings.fleet_idle_below
                then settings.fleet_idle_below
            else settings.fleet_overused_above
        end as threshold_value,
        'ratio' as value_unit,
        'trips_of_vehicle_in_year' as drill_query,
        to_json({plate: usage.plate, year: usage.year}) :: varchar
            as drill_parameters

    from vehicle_utilisation_by_year as usage
    cross join settings
    where
        usage.year = settings.as_of_year
        and usage.available_days > 0
        and (
            usage.utilisation_ratio < settings.fleet_idle_below
            or usage.utilisation_ratio > settings.fleet_overused_above
        )

),

month_alerts as (

    select
        service.center_id,
        'fleet' as domain,
        'response_over_limit' as rule,
        'yellow' as color,
        'month' as subject_type,
        strftime(service.month_date, '%Y-%m') as subject_id,
        strftime(service.month_date, '%Y-%m') as subject_name,
        strftime(service.month_date, '%Y-%m') as period_label,
        service.response_median_minutes as measured_value,
        settings.fleet_response_median_minutes_limit as threshold_value,
        'minutes' as value_unit,
        'trips_of_vehicle_in_year' as drill_query,
        to_json({plate: null, year: service.year}) :: varchar
            as drill_parameters

    from trip_service_by_month as service
    cross join settings
    where
        service.year = settings.as_of_year
        and service.response_median_minutes
        > settings.fleet_response_median_minutes_limit

    union all

    select
        service.center_id,
        'fleet',
        'trips_not_fulfilled',
        'red',
        'month',
        strftime(service.month_date, '%Y-%m'),
        strftime(service.month_date, '%Y-%m'),
        strftime(service.month_date, '%Y-%m'),
        service.fulfilment_ratio,
        settings.fleet_fulfilment_below,
        'ratio',
        'trips_of_vehicle_in_year',
        to_json({plate: null, year: service.year}) :: varchar

    from trip_service_by_month as service
    cross join settings
    where
        service.year = settings.as_of_year
        and service.fulfilment_ratio < settings.fleet_fulfilment_below

),

mismatch_alerts as (

    select
        trips.center_id,
        'fleet' as domain,
        'mileage_mismatch' as rule,
        'yellow' as color,
        'vehicle' as subject_type,
        trips.plate as subject_id,
        trips.plate as subject_name,
        cast(trips.year as varchar) as period_label,
        avg(cast(trips.is_mileage_mismatch as integer)) as measured_value,
        any_value(settings.fleet_mileage_mismatch_share_above)
            as threshold_value,
        'ratio' as value_unit,
        'trips_of_vehicle_in_year' as drill_query,
        to_json({plate: trips.plate, year: trips.year}) :: varchar
            as drill_parameters

    from trip_facts as trips
    cross join settings
    where
        trips.year = settings.as_of_year
        and trips.plate is not null
        and trips.is_completed
    group by trips.center_id, trips.plate, trips.year
    having
        avg(cast(trips.is_mileage_mismatch as integer))
        > any_value(settings.fleet_mileage_mismatch_share_above)

),

building_alerts as (

    select
        buildings.center_id,
        'property' as domain,
        'building_stuck' as rule,
        case
            when buildings.days_in_stage >= settings.property_stage_days_red
                then 'red'
            else 'yellow'
        end as color,
        'building' as subject_type,
        buildings.building_id as subject_id,
        buildings.building_name as subject_name,
        buildings.stage as period_label,
        cast(buildings.days_in_stage as double) as measured_value,
        cast(
            case
                when
                    buildings.days_in_stage >= settings.property_stage_days_red
                    then settings.property_stage_days_red
                else settings.property_stage_days_yellow
            end as double
        ) as threshold_value,
        'days' as value_unit,
        'building_problems' as drill_query,
        to_json({building_id: buildings.building_id}) :: varchar
            as drill_parameters

    from building_register as buildings
    cross join settings
    where
        not buildings.is_registered
        and not buildings.is_deducted
        and buildings.days_in_stage >= settings.property_stage_days_yellow

),

problem_alerts as (

    select
        problems.center_id,
        'property' as domain,
        'problem_open_too_long' as rule,
        case
            when
                problems.days_open >= settings.property_problem_open_days_red
                then 'red'
            else 'yellow'
        end as color,
        'problem' as subject_type,
        problems.issue_id as subject_id,
        concat_ws(' ', problems.building_name, problems.category)
            as subject_name,
        cast(problems.found_date as varchar) as period_label,
        cast(problems.days_open as double) as measured_value,
        cast(
            case
                when
                    problems.days_open
                    >= settings.property_problem_open_days_red
                    then settings.property_problem_open_days_red
                else settings.property_problem_open_days_yellow
            end as double
        ) as threshold_value,
        'days' as value_unit,
        'building_problems' as drill_query,
        to_json({building_id: problems.building_id}) :: varchar
            as drill_parameters

    from property_problem_facts as problems
    cross join settings
    where
        problems.is_open
        and problems.days_open >= settings.property_problem_open_days_yellow

),

pace_alerts as (

    select
        progress.center_id,
        'property' as domain,
        'registration_behind_pace' as rule,
        case
            when
                -progress.pace_gap_points
                >= settings.property_pace_gap_points_red
                then 'red'
            else 'yellow'
        end as color,
        'year' as subject_type,
        cast(progress.year as varchar) as subject_id,
        cast(progress.year as varchar) as subject_name,
        cast(progress.year as varchar) as period_label,
        -progress.pace_gap_points as measured_value,
        case
            when
                -progress.pace_gap_points
                >= settings.property_pace_gap_points_red
                then settings.property_pace_gap_points_red
            else settings.property_pace_gap_points_yellow
        end as threshold_value,
        'points' as value_unit,
        'registration_progress' as drill_query,
        to_json({year: progress.year}) :: varchar as drill_parameters

    from registration_progress as progress
    cross join settings
    where
        progress.year = settings.as_of_year
        and -progress.pace_gap_points
        >= settings.property_pace_gap_points_yellow

),

building_energy as (

    select
        center_id,
        building_id,
        any_value(building_name) as building_name,
        year,
        sum(kgce) filter (where baseline_kgce is not null)
        / nullif(sum(baseline_kgce), 0) - 1 as change_ratio

    from energy_by_building_month
    where year = (select as_of_year from metric_settings)
    group by center_id, building_id, year

),

energy_alerts as (

    select
        building_energy.center_id,
        'energy' as domain,
        'energy_above_baseline' as rule,
        case
            when
                building_energy.change_ratio
                >= settings.energy_above_baseline_red
                then 'red'
            else 'yellow'
        end as color,
        'building' as subject_type,
        building_energy.building_id as subject_id,
        building_energy.building_name as subject_name,
        cast(building_energy.year as varchar) as period_label,
        building_energy.change_ratio as measured_value,
        case
            when
                building_energy.change_ratio
                >= settings.energy_above_baseline_red
                then settings.energy_above_baseline_red
            else settings.energy_above_baseline_yellow
        end as threshold_value,
        'ratio' as value_unit,
        'building_energy_by_month' as drill_query,
        to_json({
            building_id: building_energy.building_id,
            year: building_energy.year
        }) :: varchar as drill_parameters

    from building_energy
    cross join settings
    where building_energy.change_ratio >= settings.energy_above_baseline_yellow

),

review_alerts as (

    select
        reviews.center_id,
        'service' as domain,
        'bad_review_not_rectified' as rule,
        case when reviews.is_rectified then 'yellow' else 'red' end as color,
        'review' as subject_type,
        reviews.review_id as subject_id,
        concat_ws(' ', reviews.review_id, reviews.item_name) as subject_name,
        cast(reviews.review_date as varchar) as period_label,
        cast(
            coalesce(
                reviews.days_to_rectify,
                settings.as_of_date - reviews.review_date
            ) as double
        ) as measured_value,
        cast(settings.rectify_within_days as double) as threshold_value,
        'days' as value_unit,
        'bad_reviews' as drill_query,
        to_json({year: reviews.year}) :: varchar as drill_parameters

    from service_review_facts as reviews
    cross join settings
    where
        reviews.is_bad
        and reviews.is_rectification_overdue
        and reviews.review_date
        > settings.as_of_date
        - cast(settings.service_lookback_days as integer)

),

post_alerts as (

    select
        posts.center_id,
        'workforce' as domain,
        'post_without_backup' as rule,
        'yellow' as color,
        'post' as subject_type,
        posts.post_id as subject_id,
        concat_ws(' ', posts.department, posts.post_name) as subject_name,
        cast(settings.as_of_year as varchar) as period_label,
        cast(null as double) as measured_value,
        cast(null as double) as threshold_value,
        'none' as value_unit,
        'post_backup_coverage' as drill_query,
        '{}' as drill_parameters

    from post_backup_coverage as posts
    cross join settings
    where not posts.is_b_covered

),

final as (

    select * from vehicle_alerts
    union all by name
    select * from month_alerts
    union all by name
    select * from mismatch_alerts
    union all by name
    select * from building_alerts
    union all by name
    select * from problem_alerts
    union all by name
    select * from pace_alerts
    union all by name
    select * from energy_alerts
    union all by name
    select * from review_alerts
    union all by name
    select * from post_alerts

)

select * from final

-- Alerts on the sources: overdue against their cadence (red) or with rows
-- rejected by the checks (yellow).
create or replace table data_alerts as

with

source_status as (

    select * from source_status

),

kpi_rule_settings as (

    select * from kpi_rule_settings

),

build_info as (

    select * from build_info

),

final as (

    select
        build_info.center_id,
        'data' as domain,
        'source_overdue' as rule,
        'red' as color,
        'source' as subject_type,
        status.source as subject_id,
        status.source as subject_name,
        cast(status.latest_date as varchar) as period_label,
        cast(status.days_since_latest as double) as measured_value,
        cast(status.cadence_days as double) as threshold_value,
        'days' as value_unit,
        'source_freshness' as drill_query,
        '{}' as drill_parameters

    from source_status as status
    cross join build_info
    where status.is_stale

    union all

    select
        build_info.center_id,
        'data',
        'rows_rejected',
        'yellow',
        'source',
        status.source,
        status.source,
        cast(build_info.as_of_date as varchar),
        cast(status.rejected_row_count as double),
        cast(rules.data_rejected_rows_at_least as double),
        'count',
        'quarantined_rows',
        to_json({
            source: status.source, file_path: null, error_code: null
        }) :: varchar

    from source_status as status
    cross join build_info
    cross join kpi_rule_settings as rules
    where status.rejected_row_count >= rules.data_rejected_rows_at_least

)

select * from final

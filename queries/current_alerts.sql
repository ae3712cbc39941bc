-- Every alert of the current build with the build time, reddest first.
with

alerts as (

    select * from alerts

),

build_info as (

    select * from build_info

),

final as (

    select
        alerts.center_id,
        alerts.alert_key,
        alerts.domain,
        alerts.rule,
        alerts.color,
        alerts.subject_type,
        alerts.subject_id,
        alerts.subject_name,
        alerts.period_label,
        alerts.measured_value,
        alerts.threshold_value,
        alerts.value_unit,
        alerts.message_zh,
        alerts.message_en,
        alerts.drill_query,
        alerts.drill_parameters,
        alerts.first_seen_at,
        cast(build_info.built_at as timestamp) as built_at

    from alerts
    cross join build_info

)

select * from final
order by
    case color when 'red' then 1 when 'yellow' then 2 else 3 end,
    domain,
    period_label desc,
    subject_id

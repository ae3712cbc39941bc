-- Every alert any build has raised, with when it was first seen and whether
-- the current build still raises it.
with

alert_history as (

    select * from alert_history

),

final as (

    select
        center_id,
        alert_key,
        domain,
        rule,
        color,
        subject_id,
        subject_name,
        period_label,
        message_zh,
        message_en,
        first_seen_at,
        last_seen_at,
        is_active,
        resolved_at

    from alert_history

)

select * from final
order by first_seen_at, alert_key

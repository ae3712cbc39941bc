-- The annual targets with metric names resolved to codes and values converted
-- to the unit the code names (万㎡ to m², % to a ratio).
create or replace table target_values as

with

targets as (

    select * from targets

),

target_metric_names as (

    select * from target_metric_names

),

target_unit_factors as (

    select * from target_unit_factors

),

keyed as (

    select
        targets.*,
        lower(trim(targets.metric)) as metric_key,
        lower(
            replace(
                replace(trim(coalesce(targets.unit, '')), ' ', ''), '　', ''
            )
        ) as unit_key

    from targets

),

resolved as (

    select
        keyed.center_id,
        keyed.year,
        coalesce(target_metric_names.metric_code, keyed.metric) as metric,
        keyed.metric as metric_as_written,
        keyed.target_value as value_as_written,
        keyed.unit,
        keyed.target_value * target_unit_factors.factor as target_value,
        target_metric_names.metric_code is not null as is_metric_known,
        target_unit_factors.factor is not null as is_unit_known,
        -- The row written with the code wins over one written with a name.
        row_number() over (
            partition by
                keyed.center_id,
                keyed.year,
                coalesce(target_metric_names.metric_code, keyed.metric)
            order by (keyed.metric_key = target_metric_names.metric_code) desc
        ) as metric_rank

    from keyed
    left join target_metric_names
        on keyed.metric_key = target_metric_names.name_key
    left join target_unit_factors
        on
            target_metric_names.metric_code = target_unit_factors.metric_code
            and keyed.unit_key = target_unit_factors.unit_key

),

final as (

    select
        center_id,
        year,
        metric,
        target_value,
        value_as_written,
        unit,
        metric_as_written,
        is_metric_known,
        is_unit_known

    from resolved
    where metric_rank = 1

)

select * from final

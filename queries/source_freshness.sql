-- One row per source: its rows, latest date, files and whether it is overdue.
-- $source_contracts lists every source's name, cadence_days, is_optional and
-- sort_order, taken from the contracts so the cadences live in one place.
-- A source is stale when its latest date is older than the as-of date minus
-- its cadence; month sources count to the last day of their latest month.
with

build as (
    select as_of_date from build_info
),

manifest as (
    select * from load_manifest
),

contracts as (
    select unnest($source_contracts) as contract
),

cadences as (
    select
        contract.source as source,
        contract.cadence_days as cadence_days,
        contract.is_optional as is_optional,
        contract.sort_order as sort_order
    from contracts
),

source_dates as (
    select
        'staff_established' as source,
        count(*) as row_count,
        cast(null as date) as latest_date
    from staff_established
    union all
    select 'staff_contract', count(*), cast(null as date)
    from staff_contract
    union all
    select 'posts', count(*), cast(null as date)
    from posts
    union all
    select 'payroll', count(*), max(last_day(month))
    from payroll
    union all
    select 'monthly_records', count(*), max(last_day(month))
    from monthly_records
    union all
    select 'training', count(*), max(start_date)
    from training
    union all
    select 'service_reviews', count(*), max(cast(reviewed_at as date))
    from service_reviews
    union all
    select 'vehicles', count(*), cast(null as date)
    from vehicles
    union all
    select 'trips', count(*), max(cast(requested_at as date))
    from trips
    union all
    select 'gps_points', count(*), max(cast(recorded_at as date))
    from gps_points
    union all
    select 'energy_readings', count(*), max(last_day(month))
    from energy_readings
    union all
    select 'buildings', count(*), max(stage_since_date)
    from buildings
    union all
    select 'property_issues', count(*), max(found_date)
    from property_issues
    union all
    select 'targets', count(*), cast(null as date)
    from targets
),

source_files as (
    select
        source,
        count(*) as file_count,
        cast(sum(rows_rejected) as bigint) as rejected_row_count,
        max(file_path) filter (
            where status in ('loaded', 'partly_loaded')
        ) as last_file_path
    from manifest
    where source is not null
    group by source
),

joined as (
    select
        cadences.source,
        cadences.sort_order,
        cadences.cadence_days,
        cadences.is_optional,
        coalesce(source_dates.row_count, 0) as row_count,
        source_dates.latest_date,
        build.as_of_date - source_dates.latest_date as days_since_latest,
        coalesce(
            source_dates.latest_date
            < build.as_of_date - cadences.cadence_days,
            false
        ) as is_stale,
        coalesce(source_files.file_count, 0) as file_count,
        coalesce(source_files.rejected_row_count, 0) as rejected_row_count,
        source_files.last_file_path
    from cadences
    cross join build
    left join source_dates on cadences.source = source_dates.source
    left join source_files on cadences.source = source_files.source
),

freshness as (
    select
        source,
        sort_order,
        case
            when row_count = 0 and is_optional then 'not_supplied'
            when row_count = 0 then 'empty'
            when latest_date is null then 'undated'
            when is_stale then 'stale'
            else 'current'
        end as freshness_status,
        is_stale,
        is_optional,
        latest_date,
        days_since_latest,
        cadence_days,
        row_count,
        file_count,
        rejected_row_count,
        last_file_path
    from joined
)

select * from freshness
order by sort_order

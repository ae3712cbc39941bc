-- One row per year of the working-day calendar: where its holidays come from.
-- calendar_source is the weakest source of any day in the year: 'weekday'
-- (holidays unknown), else 'config', else 'package'.
with

calendar as (
    select * from calendar_days
),

years as (
    select
        year,
        count(*) as day_count,
        count(*) filter (where is_workday) as workday_count,
        count(*) filter (
            where calendar_source = 'package'
        ) as package_day_count,
        count(*) filter (
            where calendar_source = 'config'
        ) as config_day_count,
        count(*) filter (
            where calendar_source = 'weekday'
        ) as weekday_day_count
    from calendar
    group by year
),

coverage as (
    select
        year,
        day_count,
        workday_count,
        package_day_count,
        config_day_count,
        weekday_day_count,
        package_day_count = day_count as is_covered_by_package,
        case
            when weekday_day_count > 0 then 'weekday'
            when config_day_count > 0 then 'config'
            else 'package'
        end as calendar_source
    from years
)

select * from coverage
order by year

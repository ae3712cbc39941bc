-- The as-of date of the build and the first year with data, in one row.
with

build_info as (

    select * from build_info

),

calendar_days as (

    select * from calendar_days

),

years as (

    select min(year) as first_year
    from calendar_days

),

final as (

    select
        build_info.center_id,
        build_info.as_of_date,
        coalesce(
            years.first_year, year(build_info.as_of_date)
        ) as first_year

    from build_info
    cross join years

)

select * from final

-- The registration funnel of task year $year: buildings that reached at least
-- each stage, and the 核减 branch.
with

registration_funnel as (

    select * from registration_funnel

),

final as (

    select
        center_id,
        year,
        stage,
        funnel_order,
        is_branch,
        building_count,
        area_m2

    from registration_funnel
    where year = $year

)

select * from final
order by center_id, funnel_order

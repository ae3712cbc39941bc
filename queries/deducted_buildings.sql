-- Buildings deducted from the registration task (核减), with reason and
-- approval.
with

building_register as (

    select * from building_register

),

final as (

    select
        center_id,
        building_id,
        building_name,
        address,
        user_unit,
        task_year,
        floor_area_m2,
        deduction_reason,
        deduction_approval_no,
        stage_since_date

    from building_register
    where is_deducted

)

select * from final
order by center_id, task_year, building_id

-- One row per person per roster (编制内, 编制外), with the post family matched.
create or replace table staff_records as

with

staff_established as (

    select * from staff_established

),

staff_contract as (

    select * from staff_contract

),

posts as (

    select * from posts

),

metric_settings as (

    select * from metric_settings

),

rosters as (

    select
        center_id,
        'established' as track,
        staff_no,
        id_card_hash,
        id_card_masked,
        name,
        gender,
        birth_date,
        department,
        post_name,
        education,
        work_start_date as start_date,
        cast(null as varchar) as agency,
        cast(null as date) as contract_end_date,
        status,
        leave_date

    from staff_established

    union all

    select
        center_id,
        'contract' as track,
        staff_no,
        id_card_hash,
        id_card_masked,
        name,
        gender,
        birth_date,
        department,
        post_name,
        education,
        hire_date as start_date,
        agency,
        contract_end_date,
        status,
        leave_date

    from staff_contract

),

posts_by_department as (

    select
        center_id,
        post_name,
        department,
        min(post_id) as post_id,
        mode(post_family) as post_family

    from posts
    group by center_id, post_name, department

),

posts_by_name as (

    select
        center_id,
        post_name,
        min(post_id) as post_id,
        mode(post_family) as post_family

    from posts
    group by center_id, post_name

),

final as (

    select
        rosters.center_id,
        -- Without a hash the record still needs an id, unique within its
        -- roster.
        coalesce(
            rosters.id_card_hash, rosters.track || ':' || rosters.staff_no
        ) as person_id,
        rosters.track,
        rosters.staff_no,
        rosters.name,
        rosters.id_card_masked,
        rosters.gender,
        rosters.birth_date,
        rosters.department,
        coalesce(by_department.post_id, by_name.post_id) as post_id,
        rosters.post_name,
        coalesce(by_department.post_family, by_name.post_family)
            as post_family,
        rosters.education,
        rosters.start_date,
        rosters.agency,
        rosters.contract_end_date,
        rosters.status,
        rosters.leave_date,
        rosters.status not in ('离职', '退休')
        and coalesce(rosters.leave_date > settings.as_of_date, true)
        and coalesce(rosters.start_date <= settings.as_of_date, true)
            as is_on_duty

    from rosters
    cross join metric_settings as settings
    left join posts_by_department as by_department
        on
            rosters.center_id = by_department.center_id
            and rosters.post_name = by_department.post_name
            and rosters.department = by_department.department
    left join posts_by_name as by_name
        on
            rosters.center_id = by_name.center_id
            and rosters.post_name = by_name.post_name

)

select * from final

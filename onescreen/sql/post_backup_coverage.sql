-- Each post with its A-post and B-post holders resolved, and whether the
-- B-post backup is a different person on duty.
create or replace table post_backup_coverage as

with

posts as (

    select * from posts

),

staff_numbers as (

    select * from staff_numbers

),

people as (

    select * from people

),

holders as (

    select
        staff_numbers.center_id,
        staff_numbers.staff_no,
        people.person_id,
        people.name,
        people.is_on_duty

    from staff_numbers
    inner join people
        on
            staff_numbers.center_id = people.center_id
            and staff_numbers.person_id = people.person_id

),

final as (

    select
        posts.center_id,
        posts.post_id,
        posts.post_name,
        posts.department,
        posts.post_family,
        posts.headcount_quota,
        posts.a_staff_no,
        a_holders.person_id as a_person_id,
        a_holders.name as a_name,
        coalesce(a_holders.is_on_duty, false) as is_a_on_duty,
        posts.b_staff_no,
        b_holders.person_id as b_person_id,
        b_holders.name as b_name,
        coalesce(b_holders.is_on_duty, false) as is_b_on_duty,
        posts.b_staff_no is not null as has_b_post,
        coalesce(
            b_holders.is_on_duty
            and b_holders.person_id is distinct from a_holders.person_id,
            false
        ) as is_b_covered

    from posts
    left join holders as a_holders
        on
            posts.center_id = a_holders.center_id
            and posts.a_staff_no = a_holders.staff_no
    left join holders as b_holders
        on
            posts.center_id = b_holders.center_id
            and posts.b_staff_no = b_holders.staff_no

)

select * from final
